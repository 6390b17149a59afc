// Real states and districts. Coordinates are those of the district headquarters rounded to
// about a kilometre; weights are rough relative crime volumes, not statistics.
#include "datasets/generator/geography_data.h"

namespace sutra::gen::data {
namespace {

using enum Tradition;

constexpr TraditionShare kMaharashtra[] = {{kMarathi, 68}, {kHindi, 12},    {kMuslim, 14},
                                           {kGujarati, 2}, {kChristian, 2}, {kKannada, 2}};
constexpr TraditionShare kUttarPradesh[] = {
    {kHindi, 79}, {kMuslim, 19}, {kPunjabi, 1}, {kChristian, 1}};
constexpr TraditionShare kBihar[] = {{kHindi, 82}, {kMuslim, 17}, {kBengali, 1}};
constexpr TraditionShare kWestBengal[] = {{kBengali, 70}, {kMuslim, 25}, {kHindi, 5}};
constexpr TraditionShare kTamilNadu[] = {{kTamil, 86}, {kMuslim, 6}, {kChristian, 7}, {kTelugu, 1}};
constexpr TraditionShare kKarnataka[] = {{kKannada, 72}, {kMuslim, 13}, {kChristian, 5},
                                         {kTamil, 5},    {kTelugu, 4},  {kMalayalam, 1}};
constexpr TraditionShare kKerala[] = {{kMalayalam, 55}, {kMuslim, 26}, {kChristian, 19}};
constexpr TraditionShare kTelangana[] = {
    {kTelugu, 78}, {kMuslim, 18}, {kHindi, 2}, {kChristian, 2}};
constexpr TraditionShare kAndhraPradesh[] = {{kTelugu, 86}, {kMuslim, 8}, {kChristian, 6}};
constexpr TraditionShare kGujarat[] = {{kGujarati, 85}, {kMuslim, 10}, {kHindi, 5}};
constexpr TraditionShare kPunjab[] = {{kPunjabi, 72}, {kHindi, 22}, {kChristian, 3}, {kMuslim, 3}};
constexpr TraditionShare kDelhi[] = {{kHindi, 66},  {kPunjabi, 12},  {kMuslim, 16},
                                     {kBengali, 3}, {kChristian, 1}, {kMalayalam, 2}};
constexpr TraditionShare kRajasthan[] = {{kHindi, 88}, {kMuslim, 10}, {kPunjabi, 2}};
constexpr TraditionShare kMadhyaPradesh[] = {{kHindi, 89}, {kMuslim, 10}, {kMarathi, 1}};

constexpr State kStates[] = {
    {"Maharashtra", "MH", "MH", "Maharashtra Prohibition Act 65(e)", kMaharashtra, true},
    {"Uttar Pradesh", "UP", "UP", "UP Excise Act 60", kUttarPradesh, false},
    {"Bihar", "BR", "BR", "Bihar Prohibition and Excise Act 30(a)", kBihar, false},
    {"West Bengal", "WB", "WB", "Bengal Excise Act 46", kWestBengal, false},
    {"Tamil Nadu", "TN", "TN", "TN Prohibition Act 4(1)(a)", kTamilNadu, false},
    {"Karnataka", "KA", "KA", "Karnataka Excise Act 32", kKarnataka, false},
    {"Kerala", "KL", "KL", "Abkari Act 55(a)", kKerala, false},
    {"Telangana", "TG", "TS", "Telangana Excise Act 34(a)", kTelangana, false},
    {"Andhra Pradesh", "AP", "AP", "AP Excise Act 34(a)", kAndhraPradesh, false},
    {"Gujarat", "GJ", "GJ", "Gujarat Prohibition Act 65(e)", kGujarat, false},
    {"Punjab", "PB", "PB", "Punjab Excise Act 61", kPunjab, false},
    {"Delhi", "DL", "DL", "Delhi Excise Act 33", kDelhi, false},
    {"Rajasthan", "RJ", "RJ", "Rajasthan Excise Act 19/54", kRajasthan, false},
    {"Madhya Pradesh", "MP", "MP", "MP Excise Act 34(1)", kMadhyaPradesh, false},
};

constexpr DistrictSeed kDistricts[] = {
    // Maharashtra
    {"MH", "Pune", "PUN", 12, 18.5204, 73.8567, 10,
     "Shivajinagar|Hadapsar|Kothrud|Deccan|Swargate|Yerawada|Vishrantwadi|Kondhwa|Wanowrie|"
     "Bhosari|Pimpri|Chinchwad|Wakad|Hinjewadi|Dattawadi|Sinhagad Road|Bibwewadi|Warje|"
     "Chandan Nagar|Faraskhana|Khadak|Samarth|Lonikand|Loni Kalbhor"},
    {"MH", "Mumbai Suburban", "MUM", 2, 19.1136, 72.8697, 12,
     "Andheri|Kurla|Bandra|Santacruz|Vile Parle|Goregaon|Malad|Kandivali|Borivali|Dahisar|"
     "Ghatkopar|Vikhroli|Bhandup|Mulund|Chembur|Deonar|Powai|Sakinaka|Jogeshwari|Oshiwara|"
     "Kherwadi|Nirmal Nagar|Trombay|Tilak Nagar"},
    {"MH", "Nagpur", "NGP", 31, 21.1458, 79.0882, 6,
     "Sitabuldi|Sadar|Dhantoli|Ajni|Sakkardara|Nandanvan|Kotwali|Tehsil|Lakadganj|Pachpaoli|"
     "Jaripatka|Gittikhadan|Ambazari|Pratap Nagar|Hudkeshwar|Kalamna|Wadi"},
    {"MH", "Nashik", "NSK", 15, 19.9975, 73.7898, 4,
     "Panchavati|Sarkarwada|Bhadrakali|Mumbai Naka|Gangapur|Satpur|Ambad|Indiranagar|"
     "Upnagar|Nashik Road|Deolali Camp|Adgaon"},
    {"MH", "Thane", "THN", 4, 19.2183, 72.9781, 7,
     "Naupada|Wagle Estate|Kapurbawdi|Kasarvadavali|Kalwa|Mumbra|Shil Daighar|Kopri|"
     "Vartak Nagar|Dombivli|Kalyan|Ulhasnagar|Bhiwandi"},
    {"MH", "Aurangabad", "ABD", 20, 19.8762, 75.3433, 3,
     "Kranti Chowk|City Chowk|Begumpura|Cidco|Jawahar Nagar|Osmanpura|Vedant Nagar|"
     "Mukundwadi|Harsul|Waluj"},
    {"MH", "Solapur", "SOL", 13, 17.6599, 75.9064, 2,
     "Sadar Bazar|Jodbhavi Peth|Faujdar Chavadi|Vijapur Naka|MIDC|Jail Road"},
    // Uttar Pradesh
    {"UP", "Lucknow", "LKO", 32, 26.8467, 80.9462, 8,
     "Hazratganj|Aminabad|Chowk|Kaiserbagh|Gomti Nagar|Aliganj|Indira Nagar|Alambagh|"
     "Naka Hindola|Mahanagar|Vikas Nagar|Aashiana|Krishna Nagar|Thakurganj|Wazirganj|Chinhat|"
     "Gazipur|Madiaon|Hussainganj|Talkatora"},
    {"UP", "Kanpur Nagar", "KNP", 78, 26.4499, 80.3319, 6,
     "Kotwali|Collectorganj|Kalyanpur|Kidwai Nagar|Govind Nagar|Chakeri|Rawatpur|"
     "Swaroop Nagar|Kakadeo|Barra|Panki|Naubasta|Bithoor|Fazalganj"},
    {"UP", "Varanasi", "VNS", 65, 25.3176, 82.9739, 4,
     "Lanka|Chowk|Dashashwamedh|Cantonment|Sigra|Bhelupur|Adampur|Jaitpura|Lalpur|Sarnath|"
     "Shivpur|Chetganj"},
    {"UP", "Agra", "AGR", 80, 27.1767, 78.0081, 4,
     "Hari Parvat|Lohamandi|Sadar Bazar|Tajganj|Rakabganj|Kotwali|Shahganj|Sikandra|"
     "Kamla Nagar|Etmauddaula|Jagdishpura|New Agra"},
    {"UP", "Prayagraj", "PRJ", 70, 25.4358, 81.8463, 4,
     "Civil Lines|Kotwali|Colonelganj|Kydganj|Dhoomanganj|Kareli|Khuldabad|Attarsuiya|"
     "Shivkuti|George Town|Daraganj|Naini"},
    {"UP", "Meerut", "MRT", 15, 28.9845, 77.7064, 4,
     "Civil Lines|Lalkurti|Sadar Bazar|Kotwali|Brahmpuri|Lisari Gate|Medical|Nauchandi|"
     "Partapur|Kankerkhera|Delhi Gate|TP Nagar"},
    {"UP", "Gorakhpur", "GKP", 53, 26.7606, 83.3732, 3,
     "Kotwali|Rajghat|Cantt|Gorakhnath|Shahpur|Tiwaripur|Chiluatal|Gulriha|Ramgarh Tal"},
    // Bihar
    {"BR", "Patna", "PAT", 1, 25.5941, 85.1376, 7,
     "Kotwali|Gandhi Maidan|Pirbahore|Kadamkuan|Sultanganj|Alamganj|Agamkuan|Jakkanpur|"
     "Patrakar Nagar|Kankarbagh|Shastri Nagar|Rajiv Nagar|Danapur|Phulwari Sharif|Digha|"
     "Patliputra|Buddha Colony|Gardanibagh"},
    {"BR", "Gaya", "GAY", 2, 24.7914, 85.0002, 3,
     "Kotwali|Civil Lines|Rampur|Delha|Chandauti|Magadh Medical|Bodh Gaya|Manpur"},
    {"BR", "Muzaffarpur", "MZP", 6, 26.1209, 85.3647, 3,
     "Town|Kazi Mohammadpur|Brahmpura|Mithanpura|Ahiyapur|Sadar|Bela|Kanti|Sikandarpur"},
    {"BR", "Bhagalpur", "BGP", 10, 25.2425, 86.9842, 2,
     "Kotwali|Tatarpur|Jogsar|Barari|Ishakchak|Mojahidpur|Nathnagar|Adampur"},
    {"BR", "Darbhanga", "DBG", 7, 26.1542, 85.8918, 2,
     "Town|Laheriasarai|Bahadurpur|Vishwavidyalaya|Kamtaul|Sadar"},
    // West Bengal
    {"WB", "Kolkata", "KOL", 6, 22.5726, 88.3639, 10,
     "Bowbazar|Jorasanko|Burrabazar|Shyampukur|Shakespeare Sarani|Park Street|Ballygunge|"
     "Tollygunge|Jadavpur|Garfa|Kasba|Gariahat|Behala|Entally|Beniapukur|Tiljala|Maniktala|"
     "Ultadanga|Lake|Kalighat|Bhowanipore|Alipore|Watgunge|Garden Reach|Taltala|Girish Park|"
     "Amherst Street|Hare Street|New Market|Chitpur"},
    {"WB", "Howrah", "HWH", 11, 22.5958, 88.2636, 5,
     "Howrah|Golabari|Shibpur|Bantra|Malipanchghara|Liluah|Bally|Jagacha|Sankrail|Domjur|"
     "Dasnagar"},
    {"WB", "North 24 Parganas", "NTP", 26, 22.7248, 88.4789, 6,
     "Barasat|Barrackpore|Titagarh|Khardah|Dum Dum|Baranagar|Madhyamgram|Bidhannagar|"
     "Salt Lake|New Town|Basirhat|Bangaon|Habra|Naihati|Jagaddal"},
    {"WB", "Darjeeling", "DJL", 74, 26.7271, 88.3953, 2,
     "Siliguri|Pradhan Nagar|Bhaktinagar|Matigara|Naxalbari|Kurseong|Darjeeling Sadar"},
    {"WB", "Purba Bardhaman", "BWN", 42, 23.2324, 87.8615, 2,
     "Bardhaman|Memari|Kalna|Katwa|Galsi|Bhatar|Raina"},
    {"WB", "Murshidabad", "MSD", 58, 24.0983, 88.2675, 2,
     "Berhampore|Jiaganj|Lalbagh|Jangipur|Domkal|Raninagar|Farakka|Samserganj"},
    // Tamil Nadu
    {"TN", "Chennai", "CHE", 9, 13.0827, 80.2707, 10,
     "Egmore|Triplicane|Mylapore|T Nagar|Pondy Bazaar|Adyar|Royapettah|Anna Nagar|Kilpauk|"
     "Vepery|Washermanpet|Royapuram|Tondiarpet|Perambur|Kodungaiyur|Vyasarpadi|Saidapet|"
     "Guindy|Velachery|Vadapalani|Ashok Nagar|K K Nagar|Koyambedu|Virugambakkam|"
     "Thiruvanmiyur|Neelankarai|Flower Bazaar|Esplanade"},
    {"TN", "Coimbatore", "CBE", 37, 11.0168, 76.9558, 4,
     "RS Puram|Race Course|Gandhipuram|Peelamedu|Singanallur|Saibaba Colony|Ukkadam|"
     "Kuniyamuthur|Podanur|Selvapuram|Saravanampatti|Thudiyalur|Kattoor"},
    {"TN", "Madurai", "MDU", 58, 9.9252, 78.1198, 4,
     "Thilagar Thidal|Vilakkuthoon|South Gate|Teppakulam|Anna Nagar|Tallakulam|K Pudur|"
     "Sellur|Thiruparankundram|Avaniyapuram|Jaihindpuram|S S Colony|Karimedu|Subramaniapuram"},
    {"TN", "Tiruchirappalli", "TRY", 45, 10.7905, 78.7047, 3,
     "Fort|Gandhi Market|Palakkarai|Srirangam|Cantonment|Thillai Nagar|KK Nagar|Golden Rock|"
     "Ariyamangalam|Woraiyur"},
    {"TN", "Salem", "SLM", 30, 11.6643, 78.1460, 2,
     "Town|Hasthampatti|Suramangalam|Kitchipalayam|Shevapet|Annadhanapatti|Attur|Omalur"},
    {"TN", "Tirunelveli", "TVL", 72, 8.7139, 77.7567, 2,
     "Palayamkottai|Junction|Melapalayam|Pettai|Perumalpuram|Thachanallur|Ambasamudram"},
    // Karnataka
    {"KA", "Bengaluru Urban", "BLR", 5, 12.9716, 77.5946, 10,
     "Jayanagar|Basavanagudi|Shivajinagar|Cubbon Park|Ashok Nagar|Halasuru|Indiranagar|"
     "HAL Airport|Whitefield|Marathahalli|Koramangala|Madiwala|HSR Layout|Bommanahalli|"
     "Electronic City|JP Nagar|Banashankari|Vijayanagar|Rajajinagar|Malleshwaram|"
     "Yeshwanthpur|Peenya|Hebbal|RT Nagar|KR Puram|Mahadevapura|Upparpet|Cottonpet|Chickpet|"
     "Kalasipalya|Byatarayanapura|Kengeri"},
    {"KA", "Mysuru", "MYS", 9, 12.2958, 76.6394, 3,
     "Lashkar|Devaraja|Mandi|Krishnaraja|Vijayanagar|Saraswathipuram|Kuvempunagar|Nazarbad|"
     "Udayagiri|Alanahalli|Metagalli"},
    {"KA", "Dharwad", "DWD", 25, 15.3647, 75.1240, 3,
     "Hubballi Town|Old Hubballi|Keshwapur|Vidyanagar|Gokul Road|Kasabapet|Bendigeri|"
     "Dharwad Town|Navanagar|Ghantikeri"},
    {"KA", "Dakshina Kannada", "DKA", 19, 12.9141, 74.8560, 3,
     "Mangaluru North|Mangaluru South|Bunder|Pandeshwar|Kadri|Urwa|Barke|Kankanady|Ullal|"
     "Surathkal|Panambur|Moodbidri|Puttur"},
    {"KA", "Belagavi", "BGM", 22, 15.8497, 74.4977, 2,
     "Market|Khade Bazar|Camp|Tilakwadi|Shahapur|Mal Maruti|APMC|Udyambag"},
    {"KA", "Kalaburagi", "KLB", 32, 17.3297, 76.8343, 2,
     "Chowk|Brahmpur|Station Bazar|Ashok Nagar|Raghavendra Nagar|MB Nagar|Sulephet"},
    // Kerala
    {"KL", "Thiruvananthapuram", "TVM", 1, 8.5241, 76.9366, 4,
     "Fort|Thampanoor|Museum|Cantonment|Pettah|Vanchiyoor|Peroorkada|Medical College|"
     "Kazhakootam|Poojappura|Karamana|Nemom|Vizhinjam|Sreekaryam|Vattiyoorkavu|Thumba"},
    {"KL", "Ernakulam", "EKM", 7, 9.9816, 76.2999, 5,
     "Ernakulam Central|Ernakulam North|Ernakulam Town South|Kadavanthra|Palarivattom|"
     "Kalamassery|Elamakkara|Thrikkakara|Fort Kochi|Mattancherry|Thoppumpady|Palluruthy|"
     "Maradu|Aluva|Angamaly|Perumbavoor"},
    {"KL", "Kozhikode", "KKD", 11, 11.2588, 75.7804, 3,
     "Town|Kasaba|Nadakkavu|Chemmangad|Medical College|Chevayur|Panniyankara|Feroke|"
     "Elathur|Vellayil|Nallalam"},
    {"KL", "Thrissur", "TSR", 8, 10.5276, 76.2144, 3,
     "East|West|Town|Nedupuzha|Ollur|Peechi|Viyyur|Guruvayur|Chalakudy|Kodungallur|"
     "Irinjalakuda"},
    {"KL", "Kollam", "KLM", 2, 8.8932, 76.6141, 2,
     "East|West|Pallithottam|Eravipuram|Kilikolloor|Chavara|Karunagappally|Kottiyam|"
     "Sakthikulangara"},
    // Telangana
    {"TG", "Hyderabad", "HYD", 9, 17.3850, 78.4867, 10,
     "Abids|Begum Bazar|Afzalgunj|Chaderghat|Charminar|Mirchowk|Hussainialam|Kamatipura|"
     "Falaknuma|Chandrayangutta|Saidabad|Malakpet|Amberpet|Nallakunta|Musheerabad|"
     "Chikkadpally|Gandhinagar|Narayanguda|Saifabad|Nampally|Golconda|Langar Houz|Asifnagar|"
     "Humayun Nagar|Banjara Hills|Jubilee Hills|Panjagutta|SR Nagar|Begumpet|Marredpally|"
     "Bowenpally|Tukaramgate|Gopalapuram|Chilkalguda"},
    {"TG", "Rangareddy", "RRD", 7, 17.4401, 78.3489, 6,
     "Gachibowli|Madhapur|Raidurgam|Miyapur|Chandanagar|Rajendranagar|Mailardevpally|"
     "Shamshabad|LB Nagar|Vanasthalipuram|Hayathnagar|Saroornagar|Meerpet|Narsingi|Shadnagar"},
    {"TG", "Warangal", "WGL", 3, 17.9689, 79.5941, 3,
     "Intezargunj|Matwada|Mills Colony|Hanamkonda|Subedari|KU Campus|Kazipet|Madikonda|"
     "Hasanparthy"},
    {"TG", "Karimnagar", "KRM", 2, 18.4386, 79.1288, 2,
     "One Town|Two Town|Three Town|Rural|Kothirampur|Huzurabad|Jammikunta"},
    {"TG", "Nizamabad", "NZB", 16, 18.6725, 78.0941, 2,
     "One Town|Two Town|Three Town|Four Town|Rural|Bodhan|Armoor"},
    // Andhra Pradesh
    {"AP", "Visakhapatnam", "VSP", 31, 17.6868, 83.2185, 5,
     "One Town|Two Town|Three Town|Dwaraka|Maharanipeta|Gajuwaka|Pendurthi|MVP Colony|Arilova|"
     "Airport|Kancharapalem|Gopalapatnam|Malkapuram|Harbour|New Port|Steel Plant|PM Palem|"
     "Bheemunipatnam"},
    {"AP", "Krishna", "KRI", 16, 16.5062, 80.6480, 4,
     "One Town|Two Town|Governorpet|Suryaraopet|Machavaram|Patamata|Krishnalanka|"
     "Satyanarayanapuram|Ajit Singh Nagar|Bhavanipuram|Gunadala|Penamaluru|Machilipatnam|"
     "Gudivada"},
    {"AP", "Guntur", "GNT", 7, 16.3067, 80.4365, 3,
     "Kothapet|Lalapet|Arundelpet|Pattabhipuram|Nallapadu|Old Guntur|Nagarampalem|Tenali|"
     "Narasaraopet|Mangalagiri"},
    {"AP", "Chittoor", "CTR", 3, 13.6288, 79.4192, 3,
     "Tirupati East|Tirupati West|Alipiri|Tiruchanur|Renigunta|Chittoor One Town|"
     "Chittoor Two Town|Srikalahasti|Madanapalle|Puttur"},
    {"AP", "Anantapur", "ATP", 2, 14.6819, 77.6006, 2,
     "One Town|Two Town|Three Town|Rural|Hindupur|Dharmavaram|Tadipatri|Guntakal"},
    {"AP", "East Godavari", "EGD", 5, 17.0005, 81.8040, 2,
     "Rajahmundry One Town|Rajahmundry Three Town|Prakash Nagar|Kakinada One Town|"
     "Kakinada Two Town|Samalkot|Amalapuram|Mandapeta"},
    // Gujarat
    {"GJ", "Ahmedabad", "AMD", 1, 23.0225, 72.5714, 8,
     "Navrangpura|Ellisbridge|Naranpura|Vadaj|Ranip|Sabarmati|Chandkheda|Satellite|Vastrapur|"
     "Bopal|Maninagar|Isanpur|Vatva|Narol|Danilimda|Kalupur|Dariyapur|Shahpur|Karanj|"
     "Gaekwad Haveli|Gomtipur|Rakhial|Bapunagar|Naroda|Odhav|Nikol|Krishnanagar|Amraiwadi|"
     "Kagdapith|Sola|Ghatlodia|Vejalpur|Sarkhej"},
    {"GJ", "Surat", "SRT", 5, 21.1702, 72.8311, 6,
     "Athwa|Umra|Adajan|Rander|Varachha|Kapodra|Sarthana|Katargam|Chowk Bazar|Mahidharpura|"
     "Salabatpura|Lalgate|Limbayat|Dindoli|Udhna|Pandesara|Sachin|Khatodara|Puna|Amroli"},
    {"GJ", "Vadodara", "VAD", 6, 22.3072, 73.1812, 4,
     "Sayajigunj|Fatehgunj|Raopura|Karelibaug|Panigate|Wadi|City|Makarpura|Manjalpur|Gotri|"
     "Gorwa|J P Road|Bapod|Harni"},
    {"GJ", "Rajkot", "RJT", 3, 22.3039, 70.8022, 3,
     "A Division|B Division|Pradyuman Nagar|Bhaktinagar|Malviyanagar|University|Gandhigram|"
     "Thorala|Kuvadva Road|Aji Dam"},
    {"GJ", "Bhavnagar", "BVN", 4, 21.7645, 72.1519, 2,
     "A Division|B Division|C Division|D Division|Gangajaliya|Nilambaug|Bortalav|Vartej|"
     "Sihor|Mahuva"},
    {"GJ", "Kutch", "KCH", 12, 23.2420, 69.6669, 2,
     "Bhuj A Division|Bhuj B Division|Gandhidham A Division|Gandhidham B Division|Anjar|"
     "Mundra|Mandvi|Rapar|Bhachau"},
    // Punjab
    {"PB", "Ludhiana", "LDH", 10, 30.9010, 75.8573, 5,
     "Division No. 1|Division No. 2|Division No. 3|Division No. 5|Division No. 8|Sarabha Nagar|"
     "Model Town|PAU|Haibowal|Salem Tabri|Daresi|Focal Point|Sadar|Jodhewal|Tibba|Moti Nagar|"
     "Dugri|Shimlapuri|Sahnewal"},
    {"PB", "Amritsar", "ASR", 2, 31.6340, 74.8723, 4,
     "Kotwali|A Division|B Division|C Division|D Division|E Division|Civil Lines|Sadar|"
     "Islamabad|Gate Hakiman|Sultanwind|Chheharta|Ranjit Avenue|Maqboolpura|Cantonment"},
    {"PB", "Jalandhar", "JAL", 8, 31.3260, 75.5762, 3,
     "Division No. 1|Division No. 4|Division No. 6|Basti Bawa Khel|Model Town|Rama Mandi|"
     "Nawi Baradari|Bhargo Camp|Cantt|Maqsudan|Sadar|Adampur"},
    {"PB", "Patiala", "PTA", 11, 30.3398, 76.3869, 2,
     "Kotwali|Lahori Gate|Tripuri|Civil Lines|Anaj Mandi|Sadar|Sanour|Rajpura City|Samana|"
     "Nabha"},
    {"PB", "Bathinda", "BTI", 3, 30.2110, 74.9455, 2,
     "Kotwali|Civil Lines|Canal Colony|Cantt|Thermal|Nehian Wala|Sangat|Rampura Phul|"
     "Talwandi Sabo"},
    {"PB", "SAS Nagar", "MOH", 65, 30.7046, 76.7179, 2,
     "Phase 1|Phase 8|Phase 11|Mataur|Sohana|Balongi|Kharar City|Zirakpur|Dera Bassi|Dhakoli|"
     "Mullanpur"},
    // Delhi
    {"DL", "New Delhi", "NDL", 2, 28.6139, 77.2090, 4,
     "Connaught Place|Parliament Street|Mandir Marg|Barakhamba Road|Tilak Marg|Chanakyapuri|"
     "Tughlak Road|South Avenue|North Avenue|Sarojini Nagar"},
    {"DL", "Central Delhi", "CEN", 6, 28.6448, 77.2167, 5,
     "Kamla Market|Hauz Qazi|Chandni Mahal|Darya Ganj|Jama Masjid|Karol Bagh|Paharganj|"
     "Nabi Karim|Rajinder Nagar|Prasad Nagar|Patel Nagar|Ranjeet Nagar|Anand Parbat|"
     "Desh Bandhu Gupta Road"},
    {"DL", "South Delhi", "SOU", 3, 28.5245, 77.2066, 5,
     "Hauz Khas|Malviya Nagar|Saket|Mehrauli|Neb Sarai|Sangam Vihar|Ambedkar Nagar|"
     "Defence Colony|Lodhi Colony|Lajpat Nagar|Amar Colony|Kalkaji|Govindpuri|"
     "Greater Kailash|Chittaranjan Park|Kotla Mubarakpur|Hazrat Nizamuddin|Sarita Vihar|"
     "Jamia Nagar"},
    {"DL", "North East Delhi", "NED", 5, 28.6900, 77.2900, 4,
     "Seelampur|Welcome|Jafrabad|Gokalpuri|Bhajanpura|Khajuri Khas|Dayalpur|Karawal Nagar|"
     "Jyoti Nagar|Harsh Vihar|Nand Nagri|Sonia Vihar|Usmanpur|New Usmanpur"},
    {"DL", "West Delhi", "WES", 4, 28.6519, 77.0994, 4,
     "Rajouri Garden|Tilak Nagar|Hari Nagar|Janakpuri|Vikaspuri|Punjabi Bagh|Paschim Vihar|"
     "Nihal Vihar|Khyala|Mianwali Nagar|Moti Nagar|Kirti Nagar|Ranhola"},
    {"DL", "Rohini", "ROH", 11, 28.7383, 77.0822, 3,
     "Rohini North|Rohini South|Prashant Vihar|Aman Vihar|Vijay Vihar|Begumpur|Budh Vihar|"
     "KN Katju Marg|Sultanpuri|Mangolpuri|Prem Nagar"},
    // Rajasthan
    {"RJ", "Jaipur", "JPR", 14, 26.9124, 75.7873, 6,
     "Kotwali|Manak Chowk|Ramganj|Galta Gate|Subhash Chowk|Brahmpuri|Adarsh Nagar|"
     "Moti Dungri|Jawahar Circle|Malviya Nagar|Sanganer|Pratap Nagar|Mansarovar|Shipra Path|"
     "Vaishali Nagar|Sodala|Sindhi Camp|Vidhyadhar Nagar|Shastri Nagar|Jhotwara|Murlipura|"
     "Bajaj Nagar|Gandhi Nagar|Jawahar Nagar|Transport Nagar"},
    {"RJ", "Jodhpur", "JDH", 19, 26.2389, 73.0243, 3,
     "Sardarpura|Ratanada|Shastri Nagar|Udai Mandir|Sadar Bazar|Sadar Kotwali|Pratap Nagar|"
     "Mahamandir|Chopasni Housing Board|Basni|Kudi Bhagtasni|Devnagar|Surpura"},
    {"RJ", "Udaipur", "UDR", 27, 24.5854, 73.7125, 2,
     "Surajpol|Hathipol|Dhanmandi|Ghantaghar|Ambamata|Bhupalpura|Hiran Magri|Sukher|"
     "Pratap Nagar|Savina|Govardhan Vilas"},
    {"RJ", "Kota", "KOT", 20, 25.2138, 75.8648, 3,
     "Kotwali|Gumanpura|Nayapura|Kunhari|Mahaveer Nagar|Jawahar Nagar|Vigyan Nagar|Dadabari|"
     "Rampura|Kaithoonipole|Udyog Nagar|RK Puram"},
    {"RJ", "Ajmer", "AJM", 1, 26.4499, 74.6399, 2,
     "Kotwali|Dargah|Clock Tower|Ganj|Alwar Gate|Civil Lines|Christian Ganj|Ramganj|"
     "Adarsh Nagar|Kishangarh|Beawar|Pushkar"},
    {"RJ", "Bikaner", "BKN", 7, 28.0229, 73.3119, 2,
     "Kotgate|Kotwali|Sadar|Nayashahar|JNV Colony|Gandhi Nagar|Bichhwal|Mukta Prasad|Nal"},
    // Madhya Pradesh
    {"MP", "Bhopal", "BPL", 4, 23.2599, 77.4126, 5,
     "Kotwali|Hanumanganj|Tila Jamalpura|Shahjahanabad|Talaiya|Mangalwara|Chhola Mandir|"
     "Jahangirabad|TT Nagar|Habibganj|MP Nagar|Kamla Nagar|Shahpura|Piplani|Govindpura|"
     "Ashoka Garden|Aishbagh|Bajaria|Kolar Road|Misrod|Ratibad|Ayodhya Nagar|Bagsewania"},
    {"MP", "Indore", "IDR", 9, 22.7196, 75.8577, 6,
     "Sarafa|Pandharinath|Chhatripura|Malharganj|Juni Indore|Sanyogitaganj|Tukoganj|MG Road|"
     "Palasia|Vijay Nagar|Lasudia|Heera Nagar|Aerodrome|Annapurna|Bhanwarkuan|"
     "Rajendra Nagar|Khajrana|Azad Nagar|Banganga|Pardeshipura|Sadar Bazar|Chandan Nagar|"
     "Dwarkapuri"},
    {"MP", "Gwalior", "GWL", 7, 26.2183, 78.1828, 3,
     "Kotwali|Inderganj|Padav|Janakganj|Kampoo|Jhansi Road|Thatipur|University|Maharajpura|"
     "Hazira|Bahodapur|Murar|Gola Ka Mandir"},
    {"MP", "Jabalpur", "JBP", 20, 23.1815, 79.9864, 3,
     "Kotwali|Omti|Ghamapur|Hanumantal|Lordganj|Civil Lines|Madan Mahal|Gorakhpur|Garha|"
     "Adhartal|Ranjhi|Vijay Nagar|Gohalpur|Cantt|Belbagh|Sanjeevni Nagar"},
    {"MP", "Ujjain", "UJN", 13, 23.1765, 75.7885, 2,
     "Kotwali|Mahakal|Jiwajiganj|Kharakuan|Madhav Nagar|Nanakheda|Chimanganj Mandi|"
     "Neelganga|Panwasa|Nagda"},
};

constexpr std::string_view kStems[] = {
    "Gandhi", "Nehru",        "Indira", "Rajiv",  "Shastri", "Ambedkar", "Subhash",    "Tilak",
    "Ram",    "Krishna",      "Laxmi",  "Shanti", "Azad",    "Patel",    "Vivekanand", "Shivaji",
    "Netaji", "Bhagat Singh", "Sai",    "Ganesh", "Hanuman", "Durga",    "Kamla",      "Anand",
    "Prem",   "Vijay",        "Ashok",  "Shakti", "Janata",  "Sanjay"};
constexpr std::string_view kSuffixes[] = {" Nagar", " Colony", "puram",  "ganj",
                                          "pur",    " Wadi",   " Peth",  " Bazar",
                                          " Chowk", " Road",   " Vihar", " Layout"};
constexpr std::string_view kQualifiers[] = {"East", "West",     "North", "South",     "Rural",
                                            "Town", "Old",      "New",   "Extension", "Market",
                                            "Gate", "Junction", "Camp",  "Village",   "Outpost"};

}  // namespace

std::span<const State> States() { return kStates; }
std::span<const DistrictSeed> Districts() { return kDistricts; }
std::span<const std::string_view> LocalityStems() { return kStems; }
std::span<const std::string_view> LocalitySuffixes() { return kSuffixes; }
std::span<const std::string_view> StationQualifiers() { return kQualifiers; }

}  // namespace sutra::gen::data
